/** Implementation of the Spring Boot starter; not API. */
package dev.aiguard.spring.boot.internal;
