/**
 * The served models, read from their manifests ({@code model.json}) in configured folders. The api reads
 * manifests only, to validate requests and to list models with their class names; it never loads a model file.
 */
package dev.gdq.api.models;
