-- The routing indicator a telegram prints before an addressee station (`RUEHTH/AMEMBASSY
-- ATHENS`): kept beside the name, which no longer carries it.
ALTER TABLE addressees ADD COLUMN routing_indicator TEXT;
