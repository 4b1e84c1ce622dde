package io.github.kubestashmetrics.exporter.web;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's certificate and key, as {@link LiveWebConfig} holds them now: each handshake asks
 * for the current ones, so a rotated certificate is served without a new listener.
 *
 * <p>The alias names the generation of the files, so a handshake that chose an alias just before a
 * reload still gets the certificate and key of that one generation, never a mix.
 */
final class ServingKeyManager extends X509ExtendedKeyManager {

  private static final String PREFIX = "generation-";

  private final LiveWebConfig live;
  private final Map<String, LiveWebConfig.State> recent = new ConcurrentHashMap<>();

  ServingKeyManager(LiveWebConfig live) {
    this.live = live;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose(keyType);
  }

  private String choose(String keyType) {
    LiveWebConfig.State state = live.current();
    PrivateKey key = state.key().orElse(null);
    if (key == null || !key.getAlgorithm().equals(keyType)) {
      return null;
    }
    String alias = PREFIX + state.generation();
    if (!recent.containsKey(alias)) {
      recent.keySet().removeIf(a -> !a.equals(PREFIX + (state.generation() - 1)));
      recent.put(alias, state);
    }
    return alias;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = choose(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    LiveWebConfig.State state = recent.get(alias);
    return state == null ? null : state.chain().map(X509Certificate[]::clone).orElse(null);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    LiveWebConfig.State state = recent.get(alias);
    return state == null ? null : state.key().orElse(null);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
