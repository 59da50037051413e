/**
 * Authentication and authorization: who made the request ({@link dev.portcullis.api.auth.GatewayPrincipal}) and
 * the decision SPIs that establish it.
 */
package dev.portcullis.api.auth;
