package dev.citadel.catalogapi.problem;

import dev.citadel.catalogapi.web.ServerHeadersFilter;
import dev.citadel.servicedefaults.trace.CorrelationFilter;
import dev.citadel.servicedefaults.trace.TraceContext;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page, for errors that never reach Spring (a malformed request line, an invalid header):
 * a minimal problem+json body instead of Tomcat's HTML page, with no server version, message or stack trace.
 * The {@code X-Server-*} and {@code X-Correlation-ID} headers are set here too, since no filter ran.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    private volatile String serverName = "catalog-api";
    private volatile String region = "local";

    public void identify(String serverName, String region) {
        this.serverName = serverName;
        this.region = region;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemType type = ProblemType.forStatus(status);
        // Headers may not have been parsed (bad request line): continue the trace when possible, else start one.
        String correlationId = response.getHeader(CorrelationFilter.CORRELATION_ID);
        if (correlationId == null) {
            correlationId = TraceContext.parse(safeHeader(request, CorrelationFilter.TRACEPARENT))
                    .orElseGet(TraceContext::newRoot).traceId();
        }
        String body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
                + ",\"" + Problems.CORRELATION_ID + "\":\"" + correlationId + "\"}";
        try {
            response.setHeader(ServerHeadersFilter.SERVER_NAME, serverName);
            response.setHeader(ServerHeadersFilter.SERVER_LOCATION, region);
            response.setHeader(CorrelationFilter.CORRELATION_ID, correlationId);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is already broken or closed; nothing more can be sent.
        }
    }

    private static String safeHeader(Request request, String name) {
        try {
            return request.getHeader(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
