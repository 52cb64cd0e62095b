/**
 * Which of the two roles, Server and Cloud, this deployment plays ({@code licensesync.roles},
 * default both), and the gate that makes a switched-off role's paths answer 404.
 */
package io.licensesync.roles;
