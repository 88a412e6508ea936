-- ===========================================================================
-- The installer's privileges.  Installed as a trusted extension by a database
-- owner who is not a superuser, pubfin's objects belong to the bootstrap
-- superuser: without these grants the role that ran CREATE EXTENSION could
-- neither load its data (load_scdl) nor give its analysts SELECT on the
-- views.  It gets the data privileges on pubfin's tables, views and
-- sequences, and USAGE on the schema, each with the grant option; not
-- CREATE on the schema, nor ownership of anything (test/t_trusted.sh).
-- Installed by a superuser, this grants the superuser what it already has.
-- ===========================================================================
GRANT USAGE ON SCHEMA @extschema@ TO @extowner@ WITH GRANT OPTION;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES ON ALL TABLES IN SCHEMA @extschema@ TO @extowner@ WITH GRANT OPTION;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA @extschema@ TO @extowner@ WITH GRANT OPTION;
