/** One recorded change: who, when, which action, from what to what. */
package io.licensesync.server.audit.entity;
