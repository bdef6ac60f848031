package io.lethe.orchestrator.auth;

/**
 * A valid token that does not name a usable tenant: the caller is known but cannot be placed in a
 * tenant (403).
 */
public class TenantClaimException extends RuntimeException {

  public TenantClaimException(String message) {
    super(message);
  }
}
