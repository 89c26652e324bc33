package dev.citadel.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.problem.ProblemErrorController;
import dev.citadel.servicedefaults.problem.ServiceProblemAdvice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ServiceDefaultsAutoConfigurationTest {

    @ConfigurationProperties("citadel.sample")
    record SampleProperties(Secret password) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SampleProperties.class)
    static class Sample {
    }

    @Test
    void everyServicesRecordBindsSecretsStrippedAndHidden() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceDefaultsAutoConfiguration.class))
                .withUserConfiguration(Sample.class)
                .withPropertyValues("citadel.sample.password=hunter2\n", "citadel.edge.id=edge-7f3a\n")
                .run(context -> {
                    Secret password = context.getBean(SampleProperties.class).password();
                    assertThat(password.reveal()).isEqualTo("hunter2");
                    assertThat(password.toString()).isEqualTo("[hidden]");
                    ServiceDefaultsProperties defaults = context.getBean(ServiceDefaultsProperties.class);
                    assertThat(defaults.edge().id().reveal()).isEqualTo("edge-7f3a");
                    assertThat(defaults.toString()).doesNotContain("edge-7f3a");
                });
    }

    @Test
    void theDefaultsAreTheConventionsIdentities() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceDefaultsAutoConfiguration.class))
                .withPropertyValues("citadel.region=region1")
                .run(context -> {
                    ServiceDefaultsProperties p = context.getBean(ServiceDefaultsProperties.class);
                    assertThat(p.management().operators()).containsExactly("operator");
                    assertThat(p.scraperNames()).containsExactly("scraper.region1");
                    assertThat(p.edge().clientNames()).containsExactly("edge");
                    assertThat(p.edge().idHeader()).isEqualTo("X-Edge-Id");
                    assertThat(p.edge().idCheckEnabled()).isFalse();
                    assertThat(p.management().plaintextAllowed()).isFalse();
                });
    }

    @Test
    void anExplicitScraperListReplacesTheRegionDefault() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceDefaultsAutoConfiguration.class))
                .withPropertyValues("citadel.region=region1", "citadel.management.scrapers=scraper.region1,prom")
                .run(context -> assertThat(context.getBean(ServiceDefaultsProperties.class).scraperNames())
                        .isEqualTo(List.of("scraper.region1", "prom")));
    }

    @Test
    void anEmptyOperatorListStopsStartup() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceDefaultsAutoConfiguration.class))
                .withPropertyValues("citadel.management.operators=")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnErrorController {
        @Bean
        ErrorController ownErrorController() {
            return new ErrorController() {
            };
        }
    }

    @Test
    void aServicesOwnErrorHandlingWins() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceDefaultsAutoConfiguration.class))
                .withUserConfiguration(OwnErrorController.class)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ProblemErrorController.class);
                    assertThat(context).hasSingleBean(ServiceProblemAdvice.class);
                });
    }
}
