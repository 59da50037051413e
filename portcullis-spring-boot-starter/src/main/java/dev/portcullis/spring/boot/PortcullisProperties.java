package dev.portcullis.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code portcullis.*} properties: where the gateway's configuration file is, where the filter sits in the
 * servlet filter chain, and whether a changed file is reloaded. Everything the gateway does (routes, stages,
 * limits) lives in that file, read by gateway-config, so Spring properties and the standalone launcher share one
 * format with one set of checks.
 *
 * <pre>{@code
 * portcullis:
 *   config-file: /etc/portcullis/gateway.yaml
 *   filter:
 *     order: -10100
 *   reload:
 *     enabled: true
 *     interval: 2s
 * }</pre>
 */
@ConfigurationProperties("portcullis")
public class PortcullisProperties {
    /**
     * The default filter order: after Spring's character-encoding and observation filters, before
     * HiddenHttpMethodFilter (-10000) and FormContentFilter (-9900), which read form bodies a proxied request must
     * keep, and before Spring Security's filter chain (-100).
     */
    public static final int DEFAULT_FILTER_ORDER = -10100;

    /** Whether to mount the gateway filter. */
    private boolean enabled = true;

    /**
     * The gateway's configuration file (YAML or JSON, the gateway-config format); relative paths inside it start in
     * its directory. Required when the application defines no GatewayFilter or Gateway bean of its own.
     */
    private Path configFile;

    private final Filter filter = new Filter();

    private final Reload reload = new Reload();

    /** @return whether to mount the gateway filter */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether to mount the gateway filter */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the configuration file, or null when unset */
    public Path getConfigFile() {
        return configFile;
    }

    /** @param configFile the configuration file */
    public void setConfigFile(Path configFile) {
        this.configFile = configFile;
    }

    /** @return the filter registration's settings */
    public Filter getFilter() {
        return filter;
    }

    /** @return the reload settings */
    public Reload getReload() {
        return reload;
    }

    /** Where the gateway filter sits in the servlet filter chain. */
    public static class Filter {
        /**
         * The filter's order: lower runs first. The default runs the gateway before Spring Security's filter chain
         * (-100) and before the filters that read form bodies; a value above -100 puts Spring Security first.
         */
        private int order = DEFAULT_FILTER_ORDER;

        /** The URL patterns the gateway filter sees. */
        private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

        /** @return the filter's order */
        public int getOrder() {
            return order;
        }

        /** @param order the filter's order */
        public void setOrder(int order) {
            this.order = order;
        }

        /** @return the URL patterns */
        public List<String> getUrlPatterns() {
            return urlPatterns;
        }

        /** @param urlPatterns the URL patterns */
        public void setUrlPatterns(List<String> urlPatterns) {
            this.urlPatterns = urlPatterns;
        }
    }

    /** Hot reload of the configuration file. */
    public static class Reload {
        /**
         * Whether to watch the configuration file and swap a changed, valid file into the running gateway (an
         * invalid one is logged and the running configuration keeps serving).
         */
        private boolean enabled;

        /** How often the watch reads the file; at least 10ms. */
        private Duration interval = Duration.ofSeconds(2);

        /** @return whether the file is watched */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the file is watched */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return how often the watch reads the file */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval how often the watch reads the file */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }
}
