package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.FileRef;
import dev.portcullis.config.internal.bind.Secret;

/**
 * How the upstream client speaks TLS to {@code https} upstreams ({@code UpstreamTls}). Files are read when the
 * configuration is loaded; a missing or unreadable file, a wrong password or a store without what it should hold
 * fails the load at its setting.
 *
 * <pre>{@code
 * tls:
 *   trustStore: certs/upstream-ca.pem
 *   clientCertificate: {keyStore: certs/gateway.p12, password: ${GATEWAY_KEY_PASSWORD}}
 * }</pre>
 *
 * @param trustStore the certificates trusted instead of the JDK's CAs
 * @param trustStorePassword the trust store's password
 * @param clientCertificate the certificate presented to upstreams that ask for one
 * @param hostnameVerification whether the upstream's certificate must name its host
 */
@Doc("TLS to https upstreams; default the JDK's trusted CAs with host names verified.")
public record TlsModel(
        @Doc("A PEM file of certificates, or a PKCS12 or JKS key store (recognised from its content), trusted "
                + "instead of the JDK's CAs.") FileRef trustStore,
        @Doc("The trust store's password as ${ENV_VAR} or ${file:path}; none for PEM or a store without one.")
        Secret trustStorePassword,
        @Doc("The client certificate presented to upstreams that ask for one (mTLS).")
        ClientCertificateModel clientCertificate,
        @Doc("Check that the upstream's certificate names the host connected to; default true. false is unsafe "
                + "outside tests (logged as a warning).") Boolean hostnameVerification) {
}
