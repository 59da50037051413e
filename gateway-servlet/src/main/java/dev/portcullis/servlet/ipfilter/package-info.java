/**
 * IP rules: {@link dev.portcullis.servlet.ipfilter.IpFilter} allows and denies client addresses by precompiled
 * IPv4 and IPv6 {@link dev.portcullis.servlet.ipfilter.CidrRange}s.
 */
package dev.portcullis.servlet.ipfilter;
