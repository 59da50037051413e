/**
 * A Spring Boot application mounting a Portcullis gateway with portcullis-spring-boot-starter:
 * {@link dev.portcullis.examples.springboot.SampleApplication}, its {@code application.properties} and the gateway file
 * {@code src/main/config/gateway.yaml}.
 */
package dev.portcullis.examples.springboot;
