package dev.portcullis.spring.boot;

import dev.portcullis.auth.apikey.ApiKeyStore;
import dev.portcullis.auth.apikey.ApiKeys;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application's API-key store as a bean: the gateway file's {@code partners} authenticator names it by its bean
 * name, {@code apiKeys: {customStore: partnerKeys}}. A real application looks the hash up in its database and
 * returns a stage that completes when the query does; this one holds one partner's key in memory.
 */
@Configuration(proxyBeanMethods = false)
public class PartnerKeysConfiguration {
    /** The one key this example knows; a real one is never in the source. */
    static final String KEY = "a-partner-key";

    /** @return the partners' keys, looked up by their SHA-256 */
    @Bean
    ApiKeyStore partnerKeys() {
        return ApiKeys.builder().key(ApiKeys.sha256Hex(KEY), "partner", Set.of("reports:read"), Set.of()).build();
    }
}
