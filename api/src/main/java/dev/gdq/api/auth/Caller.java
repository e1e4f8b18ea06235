package dev.gdq.api.auth;

import jakarta.enterprise.context.RequestScoped;

/** The tenant of the current request, set by {@link ApiKeyFilter} once the key is checked. */
@RequestScoped
public class Caller {

    private String tenant;

    /** The caller's tenant; only resources under {@code /v1} (which the filter guards) may ask. */
    public String tenant() {
        if (tenant == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return tenant;
    }

    void authenticate(String authenticatedTenant) {
        this.tenant = authenticatedTenant;
    }
}
