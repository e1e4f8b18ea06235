/**
 * HTTP-level guards in front of the resources, each answering with a problem document: bodies above the size
 * limits ({@link BodySizeGuard}, before a byte of them is read) and bodies without a media type
 * ({@link MediaTypeFilter}).
 */
package dev.gdq.api.http;
