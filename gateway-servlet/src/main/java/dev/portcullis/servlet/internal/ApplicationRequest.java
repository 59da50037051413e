package dev.portcullis.servlet.internal;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.auth.GatewayPrincipal;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;

/**
 * The request the servlet application sees: the container's request, plus the gateway's principal (from
 * {@link GatewayPrincipal#ATTRIBUTE}) behind {@code getUserPrincipal()} and {@code isUserInRole()}, and the body an
 * interceptor put in place of the client's (a validator's buffered copy), if any.
 *
 * <p>When a stage changed the query (say, moved an {@code access_token} out of it), {@code getQueryString()} and
 * the {@code getParameter*()} methods show the pipeline's query, not the client's; see
 * {@link ApplicationParameters} for form bodies. {@code getRequestURI()} never includes a query and is unchanged.
 */
public final class ApplicationRequest extends HttpServletRequestWrapper {
    private final GatewayPrincipal principal;
    private final Body replacedBody;
    private final String query;
    private final boolean queryChanged;
    private ServletInputStream input;
    private Map<String, String[]> parameters;

    /**
     * @param request the container's request
     * @param gatewayRequest the request as the pipeline passed it on
     * @param originalBody the client's body as the gateway put it on the request, before any stage
     */
    public ApplicationRequest(HttpServletRequest request, GatewayRequest gatewayRequest, Body originalBody) {
        super(request);
        this.principal = gatewayRequest.attribute(GatewayPrincipal.ATTRIBUTE).orElse(null);
        this.replacedBody = gatewayRequest.body() == originalBody ? null : gatewayRequest.body();
        this.query = gatewayRequest.rawQuery().orElse(null);
        this.queryChanged = !Objects.equals(query, request.getQueryString());
    }

    @Override
    public String getQueryString() {
        return queryChanged ? query : super.getQueryString();
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterValues(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (!queryChanged) {
            return super.getParameterMap();
        }
        if (parameters == null) {
            parameters = ApplicationParameters.of((HttpServletRequest) getRequest(), query, replacedBody != null);
        }
        return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Principal getUserPrincipal() {
        return principal != null ? principal : super.getUserPrincipal();
    }

    @Override
    public String getRemoteUser() {
        return principal != null ? principal.getName() : super.getRemoteUser();
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal != null ? principal.roles().contains(role) : super.isUserInRole(role);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (replacedBody == null) {
            return super.getInputStream();
        }
        if (input == null) {
            input = new BodyInputStream(replacedBody);
        }
        return input;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (replacedBody == null) {
            return super.getReader();
        }
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        long length = getContentLengthLong();
        return length > Integer.MAX_VALUE ? -1 : (int) length;
    }

    @Override
    public long getContentLengthLong() {
        return replacedBody == null ? super.getContentLengthLong() : replacedBody.contentLength();
    }
}
