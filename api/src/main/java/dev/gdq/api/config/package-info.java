/** Typed configuration of the api ({@code gdq.api.*}); every value has a default and an environment override. */
package dev.gdq.api.config;
