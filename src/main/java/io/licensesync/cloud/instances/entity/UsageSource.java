package io.licensesync.cloud.instances.entity;

/**
 * How an instance's usage last arrived: uploaded by the instance itself, or as a file by an owner.
 */
public enum UsageSource {
  AUTOMATIC,
  FILE
}
