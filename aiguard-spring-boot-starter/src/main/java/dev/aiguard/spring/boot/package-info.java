/**
 * Spring Boot 3 auto-configuration for AIGuard: add {@code aiguard-spring-boot-starter} and a policy file
 * ({@code aiguard.policy}); see {@code docs/spring-boot.md}.
 */
package dev.aiguard.spring.boot;
