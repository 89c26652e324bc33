package dev.citadel.catalogapi.problem;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Swaps Tomcat's HTML error report valve (which Boot installs on the host) for {@link ProblemJsonErrorReportValve}.
 * Runs after Boot's own customizer, so its valve is already in the pipeline and can be replaced.
 */
@Component
class ErrorValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final CatalogApiProperties properties;

    ErrorValveCustomizer(CatalogApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            for (Valve valve : parent.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    parent.getPipeline().removeValve(valve);
                }
            }
            ProblemJsonErrorReportValve valve = new ProblemJsonErrorReportValve();
            valve.identify(properties.serverName(), properties.region());
            parent.getPipeline().addValve(valve);
            if (parent instanceof StandardHost host) {
                // The host adds its default valve at start unless one of this class is present.
                host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
