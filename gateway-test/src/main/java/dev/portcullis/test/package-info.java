/**
 * The Portcullis test kit: what a user needs to test a gateway and its custom interceptors, added with
 * {@code <scope>test</scope>}.
 *
 * <ul>
 *   <li>{@link dev.portcullis.test.GatewayExtension}: a JUnit 5 extension that runs the real {@code GatewayFilter}
 *       in embedded Jetty 12 or Tomcat 11 ({@link dev.portcullis.test.Container}) on a free port, and stops it after
 *       the test or the class; {@link dev.portcullis.test.RunningGateway} calls it over HTTP/1.1.</li>
 *   <li>{@link dev.portcullis.test.RecordingUpstream}: a real upstream that records what the gateway forwarded
 *       ({@link dev.portcullis.test.RecordedRequest}) and answers as told ({@link dev.portcullis.test.Answer}:
 *       status, headers, body, delay, hang, reset).</li>
 *   <li>{@link dev.portcullis.test.ProblemAssert}: fluent checks of {@code application/problem+json} answers.</li>
 *   <li>{@link dev.portcullis.test.InterceptorRunner}: runs interceptors against a
 *       {@link dev.portcullis.test.TestRequest} without a container, into a {@link dev.portcullis.test.RunResult}.</li>
 *   <li>{@link dev.portcullis.test.TestClock}: a clock the test moves instead of sleeping.</li>
 * </ul>
 *
 * <p>JWT signing keys, tokens and a JWKS endpoint are in {@code dev.portcullis.test.jwt}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RecordingUpstream UPSTREAM = RecordingUpstream.create();
 * @RegisterExtension
 * static final GatewayExtension GATEWAY = GatewayExtension.of(() -> Pipeline.builder()
 *     .add(Routing.interceptor(RouteTable.of(Route.builder("api").path("/api/**").upstream(UPSTREAM.baseUri()).build())))
 *     .build());
 * }</pre>
 */
package dev.portcullis.test;
