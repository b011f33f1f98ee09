/**
 * HTTPS and bearer tokens by default. At start the server calls
 * {@link dev.berth.shim.security.ServingCertificates#ensure} and serves TLS with its {@code certificate()} and
 * {@code privateKey()} PEM files, loads {@link dev.berth.shim.security.TokenFile#load} (or
 * {@link dev.berth.shim.security.TokenFile#generate} when none is configured), authenticates every request with
 * {@link dev.berth.shim.security.BearerTokens#authenticate} (401 Status when empty), and writes an administrator's
 * kubeconfig with {@link dev.berth.shim.security.KubeconfigWriter#write} from {@code caCertificatePem()} and
 * {@code TokenFile#adminToken()}.
 */
package dev.berth.shim.security;
