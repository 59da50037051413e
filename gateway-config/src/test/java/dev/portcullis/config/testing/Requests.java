package dev.portcullis.config.testing;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Builds requests as the gateway hands them to its pipeline, for tests that compare decisions.
 *
 * <pre>{@code
 * GatewayRequest request = Requests.of("POST", "/api/orders").header("Content-Type", "application/json")
 *     .body("{}").from("203.0.113.7").build();
 * }</pre>
 */
public final class Requests {
    private final String method;
    private final String rawPath;
    private String rawQuery;
    private String authority = "gateway.test";
    private final HttpHeaders.Builder headers = HttpHeaders.builder();
    private byte[] body;
    private String client = "203.0.113.7";

    private Requests(String method, String rawPath) {
        this.method = method;
        this.rawPath = rawPath;
    }

    /** @param method the method @param rawPathAndQuery the raw path, optionally with {@code ?query} @return a builder */
    public static Requests of(String method, String rawPathAndQuery) {
        int question = rawPathAndQuery.indexOf('?');
        Requests requests = new Requests(method, question < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0,
                question));
        requests.rawQuery = question < 0 ? null : rawPathAndQuery.substring(question + 1);
        return requests;
    }

    /** @param name a header @param value its value @return this builder */
    public Requests header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** @param host the request's authority @return this builder */
    public Requests host(String host) {
        this.authority = host;
        return this;
    }

    /** @param text a UTF-8 body @return this builder */
    public Requests body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** @param address the client and peer address @return this builder */
    public Requests from(String address) {
        this.client = address;
        return this;
    }

    /** @param id the request id @return the request */
    public GatewayRequest build(String id) {
        try {
            InetAddress address = InetAddress.getByName(client);
            if (body != null) {
                headers.set("Content-Length", String.valueOf(body.length));
            }
            return GatewayRequest.builder().id(id).method(method).scheme("http").authority(authority)
                    .rawPath(rawPath).rawQuery(rawQuery).headers(headers.build()).clientAddress(address)
                    .peerAddress(address).body(body == null ? Body.empty() : Body.of(body)).build();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(client, e);
        }
    }
}
