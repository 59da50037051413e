/**
 * IP rules: {@link dev.portcullis.core.ipfilter.IpFilter} allows and denies client addresses by precompiled
 * IPv4 and IPv6 {@link dev.portcullis.core.ipfilter.CidrRange}s.
 */
package dev.portcullis.core.ipfilter;
