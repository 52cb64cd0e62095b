/** The Cloud's recorded audit events, each belonging to one enterprise. */
package io.licensesync.cloud.audit.entity;
