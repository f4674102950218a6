package dev.peloton.ui.web;

import dev.peloton.ui.security.PelotonSecurityProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is logged in and what they may do (buttons are shown only to those). */
@ControllerAdvice(basePackageClasses = UiModel.class)
public class UiModel {

    private final PelotonSecurityProperties security;

    public UiModel(PelotonSecurityProperties security) {
        this.security = security;
    }

    @ModelAttribute("securityEnabled")
    boolean securityEnabled() {
        return security.enabled();
    }

    @ModelAttribute("userName")
    String userName() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return security.enabled() && a != null && a.isAuthenticated() ? a.getName() : null;
    }

    @ModelAttribute("canOperate")
    boolean canOperate() {
        return has("ROLE_OPERATOR");
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin() {
        return has("ROLE_ADMIN");
    }

    /** Whether the current user may do what {@code role} allows; everyone may when security is off. */
    boolean has(String role) {
        if (!security.enabled()) {
            return true;
        }
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated()) {
            return false;
        }
        String needed = role;
        return a.getAuthorities().stream().map(g -> g.getAuthority()).anyMatch(g -> g != null && (g.equals(needed)
                || g.equals("ROLE_ADMIN") || needed.equals("ROLE_VIEWER") && g.equals("ROLE_OPERATOR")));
    }
}
