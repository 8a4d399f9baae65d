/**
 * SecLang operators with ModSecurity semantics, compiled by
 * {@link dev.aiguard.waf.internal.operator.Operators#create}. Values are byte strings; negation is the
 * caller's job.
 */
package dev.aiguard.waf.internal.operator;
