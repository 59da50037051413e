package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.FileRef;
import dev.portcullis.config.internal.bind.Secret;

/**
 * A client certificate for mTLS: a key store with its password, or a PEM private key with its certificate chain.
 *
 * <pre>{@code
 * clientCertificate: {keyStore: certs/gateway.p12, password: ${GATEWAY_KEY_PASSWORD}}
 * clientCertificate: {privateKey: certs/gateway.key, certificateChain: certs/gateway.pem}
 * }</pre>
 *
 * @param keyStore a PKCS12 or JKS key store
 * @param password the key store's password
 * @param privateKey a PEM PKCS#8 private key
 * @param certificateChain its PEM certificate chain
 */
@Doc("The gateway's client certificate: keyStore with password, or privateKey with certificateChain.")
public record ClientCertificateModel(
        @Doc("A PKCS12 or JKS key store holding the private key and its chain; the key has the store's password.")
        FileRef keyStore,
        @Doc("The key store's password as ${ENV_VAR} or ${file:path}.") Secret password,
        @Doc("An unencrypted PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----), with certificateChain.")
        FileRef privateKey,
        @Doc("The PEM certificate chain of privateKey, its certificate first.") FileRef certificateChain) {
}
