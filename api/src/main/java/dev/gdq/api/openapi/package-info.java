/** The OpenAPI document's definition (title, security schemes) and the examples its operations show. */
package dev.gdq.api.openapi;
