package io.lethe.orchestrator.auth;

import io.lethe.orchestrator.repository.JobEntity;

/**
 * Which jobs a caller may see and act on: those of its own tenant, or every tenant's for an admin.
 * A job outside the scope does not exist for the caller (404, never 403, so that job ids of other
 * tenants cannot be probed).
 *
 * @param tenant the caller's tenant, which its submitted jobs belong to (null: an admin token that
 *     names none, which may read but not submit)
 * @param allTenants whether the caller sees every tenant's jobs
 */
public record TenantScope(String tenant, boolean allTenants) {

  /** The tenant of jobs submitted while authentication is disabled. */
  public static final String DEFAULT_TENANT = "default";

  /** Sees everything and submits for {@link #DEFAULT_TENANT}: authentication disabled. */
  public static final TenantScope UNRESTRICTED = new TenantScope(DEFAULT_TENANT, true);

  /** Whether the caller may see {@code job}. */
  public boolean permits(JobEntity job) {
    return allTenants || (tenant != null && tenant.equals(job.tenant));
  }
}
