// Package store keeps Intake's local state in SQLite: for now, the drafts of signups in progress.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // pure-Go SQLite driver: no cgo, one static binary
)

// DB is the local SQLite database.
type DB struct {
	sql *sql.DB
}

// migrations run in order, once each; PRAGMA user_version counts how many have run.
var migrations = []string{
	`CREATE TABLE drafts (
		id         TEXT PRIMARY KEY,
		details    TEXT NOT NULL,
		updated_at INTEGER NOT NULL,
		claimed_at INTEGER
	) STRICT;
	CREATE INDEX drafts_updated_at ON drafts (updated_at);`,
}

// Open opens (creating when missing) the database at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	// WAL lets readers go on while one writer writes; busy_timeout makes a second writer wait rather
	// than fail; IMMEDIATE transactions take the write lock up front, so they never fail half-way;
	// secure_delete overwrites what is deleted, so a finished signup's details do not linger in free pages.
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(ON)&_pragma=synchronous(NORMAL)" +
		"&_pragma=secure_delete(ON)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &DB{sql: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	return s, nil
}

func (db *DB) migrate(ctx context.Context) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > len(migrations) {
		return fmt.Errorf("the database is from a newer Intake (schema %d, this one knows %d)", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		return err
	}
	return tx.Commit()
}

// Ping reports whether the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }
