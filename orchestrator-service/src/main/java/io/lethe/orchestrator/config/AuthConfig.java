package io.lethe.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Authentication of the job API. The key and issuer that verify tokens are SmallRye JWT's own
 * settings ({@code mp.jwt.verify.*}, see README "Security").
 */
@ConfigMapping(prefix = "lethe.auth")
public interface AuthConfig {

  /**
   * Whether the job API requires a bearer JWT. Off, every caller may do everything and sees every
   * job: only for a machine nobody else can reach (logged as a warning at startup).
   */
  @WithDefault("true")
  boolean enabled();

  /** The claim that names the tenant a caller acts for. */
  @WithDefault("tenant")
  String tenantClaim();
}
