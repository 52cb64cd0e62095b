package io.licensesync.cloud.instances.control;

import io.licensesync.wire.LicenseUsageDocument;

/**
 * A usage document read once into {@code usage_staging} under {@code stagingId}, with what it says
 * about itself: Add server usage vets the metadata, then applies the staged accounts.
 */
public record StagedUsage(long stagingId, LicenseUsageDocument.Metadata metadata, int accounts) {}
