import dev.citadel.libinjection.Libinjection;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java side of the differential check (run.sh): {@code generate COUNT SEED [CRS_TESTS_DIR]} prints inputs as
 * hex lines; {@code compare INPUTS ORACLE_OUTPUT} runs them through {@link Libinjection} (one char per byte) and
 * reports every disagreement with the C library's answers. Exit status 1 when any.
 */
public class Differential {

    private static final String[] FRAGMENTS = {
        " ", " ", " ", "  ", "\t", "\n", "\r", "\u000b", "\f", "\u0000", "\u00a0", "\u00c3", "\u00ff", "\u0080",
        "'", "'", "\"", "\"", "`", "''", "\\", "\\'", "\\\"", "\\N",
        "1", "0", "42", "1.5", ".5", "1e5", "1.e", "0x1f", "0x", "0b01", "x'ab'", "b'01'", "1f", "2d", "$1", "$$",
        "$a$", "$.", "select", "SELECT", "union", "UNION ALL", "all", "from", "where", "or", "OR", "and", "AND",
        "not", "NOT", "in", "like", "sleep", "benchmark", "char", "concat", "user", "database", "version", "null",
        "NULL", "if", "IF", "ifnull", "drop", "table", "insert", "into", "outfile", "exec", "waitfor", "delay",
        "order", "by", "group", "having", "limit", "collate", "utf8_bin", "float", "int", "cast", "as", "case",
        "when", "then", "else", "end", "xp_cmdshell", "sp_password", "information_schema", "@", "@@", "@a",
        "@@version", "#", "--", "-- ", "/*", "*/", "/*!", "/**/", ";", ";;", ",", "(", ")", "((", "{", "}", "[", "]",
        "=", "==", "<", ">", "<=", ">=", "<>", "!=", "<=>", "!", "!!", "~", "+", "-", "*", "/", "%", "^", "|", "||",
        "&", "&&", ":", "::", ":=", "?", ".", "N'", "E'", "q'[", "]'", "U&'", "nq'", "foo", "bar", "a", "x",
        "O'Reilly", "it's", "e", "<", ">", "</", "/>", "<!", "<!--", "-->", "-!>", "<?", "?>", "<%", "%>",
        "<![CDATA[", "]]>", "<!DOCTYPE", "<!ENTITY", "script", "SCRIPT", "img", "svg", "iframe", "b", "div", "xsl",
        "style", "on", "onerror", "onload", "onx", "one", "src", "href", "HREF", "action", "formaction", "xmlns",
        "xlink:href", "attributeName", "data", "='", "=\"", "=`", "javascript:", "JaVa", "vbscript:", "data:",
        "view-source:", "&#", "&#x", "&#106;", "&#x6A;", "&#0106", "&#x6a", "&amp;", "http://x", "[if", "xml",
        "import", "entity", "alert(1)",
    };

    private static final String BYTE_BIAS = "'\"`\\/*-#;()<>=!&|@$.,:?[]{}%^~+ \t\nxXeEnNqQuUbB0123456789aosf";
    private static final Pattern CRS_FIELD =
            Pattern.compile("\\s*(?:- )?(data|uri|User-Agent|Referer|Cookie):\\s*(.*)$");

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("generate")) {
            generate(Integer.parseInt(args[1]), Long.parseLong(args[2]), args.length > 3 ? Path.of(args[3]) : null);
        } else if (args.length == 3 && args[0].equals("compare")) {
            System.exit(compare(Path.of(args[1]), Path.of(args[2])) == 0 ? 0 : 1);
        } else {
            System.err.println("usage: Differential generate COUNT SEED [CRS_TESTS_DIR] | compare INPUTS ORACLE_OUT");
            System.exit(2);
        }
    }

    private static void generate(int count, long seed, Path crs) throws IOException {
        HexFormat hex = HexFormat.of();
        Random r = new Random(seed);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII));
        for (int i = 0; i < count; i++) {
            byte[] input;
            if (r.nextInt(4) == 0) {
                // random bytes, biased to the characters the tokenizers care about
                input = new byte[1 + r.nextInt(120)];
                for (int j = 0; j < input.length; j++) {
                    input[j] = (byte) (r.nextBoolean() ? r.nextInt(256) : BYTE_BIAS.charAt(r.nextInt(BYTE_BIAS.length())));
                }
            } else {
                int pieces = 1 + r.nextInt(r.nextInt(3) == 0 ? 60 : r.nextBoolean() ? 6 : 25);
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < pieces; j++) {
                    sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                }
                input = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
            out.write(hex.formatHex(input));
            out.newLine();
        }
        if (crs != null) {
            for (byte[] b : crsInputs(crs)) {
                out.write(hex.formatHex(b));
                out.newLine();
            }
        }
        out.flush();
    }

    /** Every argument, cookie and header of the CRS regression tests, URL-decoded once and twice. */
    private static Set<byte[]> crsInputs(Path dir) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    Matcher m = CRS_FIELD.matcher(line);
                    if (!m.matches()) {
                        continue;
                    }
                    String v = unquote(m.group(2).strip());
                    List<String> parts = new java.util.ArrayList<>(List.of(v));
                    String query = m.group(1).equals("uri") && v.contains("?") ? v.substring(v.indexOf('?') + 1) : v;
                    String sep = m.group(1).equals("Cookie") ? ";" : "&";
                    for (String pair : query.split(sep)) {
                        parts.addAll(List.of(pair.split("=", 2)));
                    }
                    for (String p : parts) {
                        String once = urlDecode(new String(p.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
                        seen.add(once);
                        seen.add(urlDecode(once));
                        seen.add(once.replace("\0", ""));
                    }
                }
            }
        }
        Set<byte[]> out = new LinkedHashSet<>();
        for (String s : seen) {
            if (!s.isEmpty()) {
                out.add(s.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        if (v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")) {
            return v;
        }
        String s = v.substring(1, v.length() - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'x' -> { sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16)); i += 2; }
                case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; }
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    /** '+' and %XX decoding over a one-char-per-byte string; malformed escapes stay. */
    private static String urlDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c & 0xFF);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static int compare(Path inputs, Path oracle) throws IOException {
        List<String> in = Files.readAllLines(inputs);
        List<String> c = Files.readAllLines(oracle);
        if (in.size() != c.size()) {
            throw new IllegalStateException(in.size() + " inputs but " + c.size() + " oracle answers");
        }
        HexFormat hex = HexFormat.of();
        int sqli = 0;
        int fingerprints = 0;
        int xss = 0;
        int sqliPositives = 0;
        int xssPositives = 0;
        for (int i = 0; i < in.size(); i++) {
            String s = new String(hex.parseHex(in.get(i)), StandardCharsets.ISO_8859_1);
            String[] o = c.get(i).split("\t", -1);
            boolean cSqli = o[0].equals("1");
            boolean cXss = o[2].equals("1");
            String cFp = cSqli ? o[1] : null;
            String jFp = Libinjection.sqliFingerprint(s);
            boolean jSqli = Libinjection.isSqli(s);
            boolean jXss = Libinjection.isXss(s);
            sqliPositives += cSqli ? 1 : 0;
            xssPositives += cXss ? 1 : 0;
            boolean differs = false;
            if (cSqli != jSqli) {
                sqli++;
                differs = true;
            } else if (!Objects.equals(cFp, jFp)) {
                fingerprints++;
                differs = true;
            }
            if (cXss != jXss) {
                xss++;
                differs = true;
            }
            if (differs) {
                System.out.printf("DIFF C=%s/%s/%s Java=%s/%s/%s input(hex)=%s%n", cSqli, cFp, cXss, jSqli, jFp, jXss,
                        in.get(i));
            }
        }
        System.out.printf("%d inputs: %d isSqli, %d fingerprint and %d isXss disagreements"
                + " (C found %d SQLi and %d XSS)%n", in.size(), sqli, fingerprints, xss, sqliPositives, xssPositives);
        return sqli + fingerprints + xss;
    }
}
