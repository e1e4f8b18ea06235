/**
 * API keys to tenants: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}, keys from configuration.
 * A request under {@code /v1} without a known key is 401; everything a resource reads or cancels is filtered by
 * the caller's tenant.
 */
package dev.gdq.api.auth;
