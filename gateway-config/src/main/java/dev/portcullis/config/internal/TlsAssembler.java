package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Secret;
import dev.portcullis.config.internal.model.ClientCertificateModel;
import dev.portcullis.config.internal.model.TlsModel;
import dev.portcullis.core.client.UpstreamTls;

/**
 * Maps {@code client.tls} onto {@link UpstreamTls.Builder}, whose methods read the files at once, so a missing or
 * unreadable store, a wrong password or a key that does not fit its certificate fails the load at its setting (the
 * DSL's messages name the file, never the password).
 *
 * <pre>{@code
 * UpstreamTls tls = new TlsAssembler(context).tls(client.tls());
 * }</pre>
 */
final class TlsAssembler {
    private final AssemblyContext context;

    /** @param context the load */
    TlsAssembler(AssemblyContext context) {
        this.context = context;
    }

    /** @param section the tls section @return the settings, or null when one failed (the findings say why) */
    UpstreamTls tls(TlsModel section) {
        UpstreamTls.Builder tls = UpstreamTls.builder();
        if (section.trustStorePassword() != null && section.trustStore() == null) {
            context.fail(context.at(section, "trustStorePassword"),
                    new IllegalArgumentException("a password without a trustStore"));
        }
        context.set(section, "trustStore", section.trustStore(),
                store -> tls.trustStore(store.path(), chars(section.trustStorePassword())));
        if (section.clientCertificate() != null) {
            clientCertificate(section.clientCertificate(), tls);
        }
        context.set(section, "hostnameVerification", section.hostnameVerification(), tls::hostnameVerification);
        return context.findings().isEmpty() ? context.attemptIn(section, tls::build) : null;
    }

    private void clientCertificate(ClientCertificateModel section, UpstreamTls.Builder tls) {
        boolean store = section.keyStore() != null;
        boolean pem = section.privateKey() != null || section.certificateChain() != null;
        if (store == pem || pem && (section.privateKey() == null || section.certificateChain() == null)) {
            context.fail(context.origins().of(section), new IllegalArgumentException(
                    "set keyStore (with password), or privateKey and certificateChain"));
        } else if (section.password() != null && !store) {
            context.fail(context.at(section, "password"), new IllegalArgumentException("a password without a "
                    + "keyStore (the PEM private key must be unencrypted)"));
        } else if (store) {
            context.set(section, "keyStore", section.keyStore(),
                    file -> tls.clientCertificate(file.path(), chars(section.password())));
        } else {
            context.set(section, "privateKey", section.privateKey(),
                    key -> tls.clientCertificatePem(key.path(), section.certificateChain().path()));
        }
    }

    private static char[] chars(Secret secret) {
        return secret == null ? null : secret.value().toCharArray();
    }
}
