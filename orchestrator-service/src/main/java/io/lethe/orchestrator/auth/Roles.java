package io.lethe.orchestrator.auth;

import java.util.Set;

/** The roles of the job API, carried in a token's {@code groups} claim. */
public final class Roles {

  /** Submit jobs and cancel the tenant's jobs. */
  public static final String SUBMIT = "submit";

  /** Read the tenant's jobs, their audit trail, reports and progress. */
  public static final String VIEW = "view";

  /** Read and cancel the jobs of every tenant (operators). */
  public static final String ADMIN = "admin";

  /** Every role: what a caller gets while authentication is disabled. */
  public static final Set<String> ALL = Set.of(SUBMIT, VIEW, ADMIN);

  private Roles() {}
}
