package io.lethe.orchestrator.auth;

import io.lethe.orchestrator.config.AuthConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * With {@code lethe.auth.enabled=false}, gives every caller — anonymous included — every role, so
 * that the endpoints keep their {@code @RolesAllowed} checks and disabling is one switch rather
 * than a second code path. Enabled (the default), identities pass unchanged.
 */
@ApplicationScoped
public class AuthDisabledAugmentor implements SecurityIdentityAugmentor {

  private final AuthConfig config;

  public AuthDisabledAugmentor(AuthConfig config) {
    this.config = config;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (config.enabled()) {
      return Uni.createFrom().item(identity);
    }
    return Uni.createFrom()
        .item(QuarkusSecurityIdentity.builder(identity).addRoles(Roles.ALL).build());
  }
}
