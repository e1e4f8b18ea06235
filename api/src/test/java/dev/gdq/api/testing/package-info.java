/** Test support: requests, the API keys of the test tenants, a topic reader, a simulated worker and an SSE client. */
package dev.gdq.api.testing;
