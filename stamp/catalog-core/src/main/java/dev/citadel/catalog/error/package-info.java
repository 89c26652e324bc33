/** Failure types shared by the catalog services: retriable versus fatal, decided by type. */
package dev.citadel.catalog.error;
