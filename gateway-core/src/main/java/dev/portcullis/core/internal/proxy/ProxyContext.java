package dev.portcullis.core.internal.proxy;

import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.internal.resilience.Timer;

/**
 * What every {@link ProxyCall} of one proxy shares.
 *
 * @param client sends the tries
 * @param responseCheck refuses upstream response heads that must not be relayed
 * @param timer schedules retries
 */
record ProxyContext(UpstreamClient client, UpstreamResponseCheck responseCheck, Timer timer) {
}
