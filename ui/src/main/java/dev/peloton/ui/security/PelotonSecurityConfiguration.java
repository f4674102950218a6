package dev.peloton.ui.security;

import dev.peloton.runtime.PelotonProperties;
import dev.peloton.ui.security.PelotonSecurityProperties.Role;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Login and roles for the UI and the API. Two filter chains: {@code /api/**} authenticates with HTTP Basic only
 * (no session, so a browser's login cookie cannot make API calls and CSRF does not apply there), everything else
 * with a login form, a session and CSRF tokens. Reading needs VIEWER, changing runs OPERATOR, schedules and sensors
 * ADMIN; ADMIN includes OPERATOR includes VIEWER.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(PelotonSecurityProperties.class)
public class PelotonSecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PelotonSecurityConfiguration.class);

    /** UI paths that change something, with the role they need; every other UI path needs VIEWER. */
    static final String[] OPERATOR_UI_POSTS = {"/materialize", "/materialize/**", "/runs/*/cancel",
        "/runs/*/reexecute", "/backfills", "/backfills/**"};
    /** Switching schedules and sensors on and off; reading them needs VIEWER like every page. */
    static final String[] ADMIN_POSTS = {"/schedules/**", "/sensors/**"};
    static final String[] PUBLIC_PATHS = {"/login", "/error", "/peloton/**", "/webjars/**", "/favicon.ico",
        "/actuator/health", "/actuator/health/**"};

    @Bean
    static RoleHierarchy pelotonRoleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER");
    }

    @Bean
    PasswordEncoder pelotonPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService pelotonUsers(PelotonSecurityProperties security, PelotonProperties peloton) {
        List<UserDetails> users = new ArrayList<>();
        if (!security.enabled()) {
            return new InMemoryUserDetailsManager();
        }
        if (security.users().isEmpty()) {
            users.add(User.withUsername(GeneratedAdminPassword.USER)
                    .password(GeneratedAdminPassword.hash(peloton.dataDir()))
                    .roles(Role.ADMIN.name(), Role.OPERATOR.name(), Role.VIEWER.name()).build());
        }
        for (PelotonSecurityProperties.User u : security.users()) {
            users.add(User.withUsername(u.name()).password(u.password())
                    .roles(u.effectiveRoles().stream().map(Role::name).toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    @Order(1)
    SecurityFilterChain pelotonApiChain(HttpSecurity http, PelotonSecurityProperties security) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()));
        if (!security.enabled()) {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        return http.httpBasic(b -> b.realmName("Peloton"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/schedules/**", "/api/sensors/**").access((auth, ctx) ->
                                new org.springframework.security.authorization.AuthorizationDecision(
                                        isGet(ctx.getRequest()) ? has(auth.get(), Role.VIEWER)
                                                : has(auth.get(), Role.ADMIN)))
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(Role.VIEWER.name())
                        .anyRequest().hasRole(Role.OPERATOR.name()))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pelotonUiChain(HttpSecurity http, PelotonSecurityProperties security) throws Exception {
        if (!security.enabled()) {
            LOG.warn("""

                    ********************************************************************************
                    *  SECURITY IS OFF (peloton.security.enabled=false): no login, anyone who can   *
                    *  reach this port can materialize, cancel and change everything.              *
                    *  Use this for local development only.                                        *
                    ********************************************************************************""");
            return http.csrf(c -> c.disable()).authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers(HttpMethod.POST, ADMIN_POSTS).hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, OPERATOR_UI_POSTS).hasRole(Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.GET, "/**").hasRole(Role.VIEWER.name())
                        // Any other state-changing UI request: the strictest role, so nothing new slips through.
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/assets", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .build();
    }

    private static boolean isGet(jakarta.servlet.http.HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    private static boolean has(org.springframework.security.core.Authentication auth, Role role) {
        if (auth == null || !auth.isAuthenticated()) {
            return false;
        }
        Role needed = role;
        return auth.getAuthorities().stream().anyMatch(a -> {
            String name = a.getAuthority();
            if (name == null || !name.startsWith("ROLE_")) {
                return false;
            }
            try {
                return Role.valueOf(name.substring(5)).ordinal() >= needed.ordinal();
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }
}
