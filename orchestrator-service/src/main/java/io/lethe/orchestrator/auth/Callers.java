package io.lethe.orchestrator.auth;

import io.lethe.orchestrator.config.AuthConfig;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant scope of the request being served, from its verified token. */
@ApplicationScoped
public class Callers {

  /** Tenant names are stored with each job and appear in URLs of reports: keep them plain. */
  static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final CurrentIdentityAssociation identities;
  private final AuthConfig config;

  public Callers(CurrentIdentityAssociation identities, AuthConfig config) {
    this.identities = identities;
    this.config = config;
  }

  /**
   * The scope of the current caller. Fails with {@link TenantClaimException} for a token that names
   * no valid tenant, unless it is an admin's (which may read without one).
   */
  public Uni<TenantScope> scope() {
    if (!config.enabled()) {
      return Uni.createFrom().item(TenantScope.UNRESTRICTED);
    }
    return identities.getDeferredIdentity().map(this::scopeOf);
  }

  /**
   * The tenant a caller submits for: that of its token (an admin token without one cannot submit,
   * since a job must belong to a tenant).
   */
  public Uni<String> submittingTenant() {
    return scope()
        .map(
            scope -> {
              if (scope.tenant() == null) {
                throw new TenantClaimException(
                    "a job belongs to the tenant its submitter's token names in the claim '"
                        + config.tenantClaim()
                        + "'; this token names none");
              }
              return scope.tenant();
            });
  }

  private TenantScope scopeOf(SecurityIdentity identity) {
    boolean admin = identity.hasRole(Roles.ADMIN);
    Object claim =
        identity.getPrincipal() instanceof JsonWebToken token
            ? token.getClaim(config.tenantClaim())
            : null;
    if (claim == null) {
      if (admin) {
        return new TenantScope(null, true);
      }
      throw new TenantClaimException(
          "the token names no tenant (claim '" + config.tenantClaim() + "')");
    }
    String tenant =
        claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      throw new TenantClaimException(
          "the token's claim '"
              + config.tenantClaim()
              + "' is not a tenant name (1-64 letters, digits, '.', '_' or '-')");
    }
    return new TenantScope(tenant, admin);
  }
}
