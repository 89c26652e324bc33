/*
 * Reads inputs, one hex-encoded byte string a line, and prints what ModSecurity's built-in libinjection says of
 * each: "<is sqli 0|1>\t<fingerprint or ->\t<is xss 0|1>".
 */
#include <stdio.h>
#include <string.h>

int libinjection_sqli(const char *s, size_t slen, char fingerprint[]);
int libinjection_xss(const char *s, size_t len);

static int hex(int c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

int main(void) {
    static char line[1 << 20];
    static char buf[1 << 19];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            line[--n] = 0;
        }
        size_t m = n / 2;
        for (size_t i = 0; i < m; i++) {
            buf[i] = (char) (hex(line[2 * i]) * 16 + hex(line[2 * i + 1]));
        }
        buf[m] = 0; /* libinjection may read the terminator, as it does in ModSecurity */
        char fp[8] = {0};
        int sqli = libinjection_sqli(buf, m, fp);
        int xss = libinjection_xss(buf, m);
        printf("%d\t%s\t%d\n", sqli, sqli ? fp : "-", xss);
    }
    return 0;
}
