/**
 * Route step and the routing policy: the policy document (layers of rules by tenant and intent),
 * its parser, the rules ({@code Rule}, one class each, listed in {@code Rules}), the pure decision
 * ({@link dev.smallfirst.topology.routing.RoutingPolicy}), the policy in force per task and the
 * global policy store, and the {@link dev.smallfirst.topology.routing.Router} that escalates or
 * replies.
 */
package dev.smallfirst.topology.routing;
