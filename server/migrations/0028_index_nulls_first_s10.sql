DROP INDEX "drills_division_idx";--> statement-breakpoint
DROP INDEX "drills_date_idx";--> statement-breakpoint
DROP INDEX "emergency_plans_division_idx";--> statement-breakpoint
DROP INDEX "training_sessions_division_idx";--> statement-breakpoint
DROP INDEX "training_sessions_date_idx";--> statement-breakpoint
DROP INDEX "resource_loans_division_idx";--> statement-breakpoint
DROP INDEX "resource_movements_warehouse_idx";--> statement-breakpoint
DROP INDEX "resource_movements_division_idx";--> statement-breakpoint
DROP INDEX "resource_stocktakes_division_idx";--> statement-breakpoint
DROP INDEX "deliveries_division_idx";--> statement-breakpoint
DROP INDEX "notifications_user_idx";--> statement-breakpoint
DROP INDEX "response_levels_started_idx";--> statement-breakpoint
DROP INDEX "warnings_issued_idx";--> statement-breakpoint
DROP INDEX "waterlogging_records_point_idx";--> statement-breakpoint
DROP INDEX "fire_incidents_division_idx";--> statement-breakpoint
CREATE INDEX "drills_division_idx" ON "drills" USING btree ("division_code" text_pattern_ops,"planned_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "drills_date_idx" ON "drills" USING btree ("planned_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "emergency_plans_division_idx" ON "emergency_plans" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "training_sessions_division_idx" ON "training_sessions" USING btree ("division_code" text_pattern_ops,"held_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "training_sessions_date_idx" ON "training_sessions" USING btree ("held_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "resource_loans_division_idx" ON "resource_loans" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "resource_movements_warehouse_idx" ON "resource_movements" USING btree ("warehouse_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "resource_movements_division_idx" ON "resource_movements" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "resource_stocktakes_division_idx" ON "resource_stocktakes" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "deliveries_division_idx" ON "deliveries" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "response_levels_started_idx" ON "response_levels" USING btree ("started_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "warnings_issued_idx" ON "warnings" USING btree ("issued_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "waterlogging_records_point_idx" ON "waterlogging_records" USING btree ("point_id","at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "fire_incidents_division_idx" ON "fire_incidents" USING btree ("division_code" text_pattern_ops,"last_seen_at" DESC NULLS FIRST);