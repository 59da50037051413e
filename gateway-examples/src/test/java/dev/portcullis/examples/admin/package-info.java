/** Tests of the admin view against a gateway holding every kind of secret. */
package dev.portcullis.examples.admin;
