export interface paths {
    "/api/v1/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's ACTIVE notifications, newest first, with the counts */
        get: operations["listMyNotifications"];
        /** A bulk action: mark read or removed, one by uid or all at once */
        put: operations["actOnMyNotificationsPut"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** A bulk action: mark read or removed, one by uid or all at once */
        patch: operations["actOnMyNotificationsPatch"];
        trace?: never;
    };
    "/api/v1/me/notifications/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One notification; reading it marks it read */
        get: operations["openMyNotification"];
        /** Set is_read or status of one notification */
        put: operations["updateMyNotificationPut"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set is_read or status of one notification */
        patch: operations["updateMyNotificationPatch"];
        trace?: never;
    };
    "/api/v1/me/notifications/ws-ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time ticket to open the socket from a browser (the token stays out of the URL) */
        post: operations["createSocketTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every notification of a model, any user and status: the original's get_model_notifications */
        get: operations["listModelNotifications"];
        put?: never;
        /**
         * Notify users: the original's NotificationService.create_notification
         * @description Up to 1,000 recipients are written at once (201); more, or `audience: all_active`, are fanned out through a queue (202).
         */
        post: operations["createNotifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress of a queued fan-out */
        get: operations["getFanoutJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's profile and notification switch */
        get: operations["getUser"];
        /** Create or update a user's profile and notification switch */
        put: operations["upsertUserPut"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Create or update a user's profile and notification switch */
        patch: operations["upsertUserPatch"];
        trace?: never;
    };
    "/api/v1/users/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's feed, read by the backend: the same body and filters as the user's own */
        get: operations["listUserNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the service and its database answer */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ws/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The live socket (WebSocket upgrade); its frames are described in /asyncapi.yaml
         * @description Authenticate with `?ticket=` (from POST /api/v1/me/notifications/ws-ticket), the `bearer` subprotocol, or `Authorization: Bearer`. A refused socket is accepted (101), sent an `{"error", "code"}` frame and closed with that code (4401, 4403, 4429).
         */
        get: operations["openNotificationsSocket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ActionResult: {
            /** @description Rows the action changed. */
            changed: number;
            read_notifications: number;
            /** @description ACTIVE notifications. */
            total_notifications: number;
            unread_notifications: number;
        };
        Counts: {
            read_notifications: number;
            /** @description ACTIVE notifications. */
            total_notifications: number;
            unread_notifications: number;
        };
        /** @description Written at once (up to 1,000 recipients). */
        Created: {
            created: number;
            uids: string[];
        };
        CreateNotification: {
            /** @enum {string} */
            audience?: "all_active";
            /** @description Given as is instead of computed from `previous`. */
            changed_data?: {
                [key: string]: unknown;
            };
            created_by?: number | string | null;
            /** @description Any JSON, stored and returned as given. */
            custom_info?: Record<string, never> | unknown[] | string | number | boolean | null;
            /** @description The model instance, serialized (a JSON object). */
            instance: {
                [key: string]: unknown;
            };
            message: string;
            /** @description The HTTP method of the change, any case: POST, PATCH, GET, DELETE, PUT, UNDEFINED. */
            method?: string | null;
            model: string;
            /** @description The instance before a PUT/PATCH; `changed_data` is computed from it. */
            previous?: {
                [key: string]: unknown;
            };
            user_ids?: (number | string)[];
        };
        /**
         * @example {
         *       "detail": "Authentication credentials were not provided."
         *     }
         */
        Detail: {
            code?: string;
            detail: string;
            messages?: {
                message: string;
                token_class: string;
                token_type: string;
            }[];
            request_id?: string;
        };
        Feed: {
            has_more: boolean;
            /** @description Pass as `cursor=` for the next page (keyset). */
            next_cursor: string | null;
            /** @description Page-number pagination (the original's). */
            next_page: number | null;
            notifications: components["schemas"]["Notification"][];
            read_notifications: number;
            /** @description ACTIVE notifications. */
            total_notifications: number;
            unread_notifications: number;
        };
        /**
         * @description Per field (or `non_field_errors`), a list of messages; list items keyed by index.
         * @example {
         *       "notification_uids": {
         *         "0": [
         *           "Must be a valid UUID."
         *         ]
         *       }
         *     }
         */
        FieldErrors: {
            [key: string]: string[] | {
                [key: string]: string[];
            };
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            version: string;
        };
        Job: {
            /** @enum {string} */
            audience: "users" | "all_active";
            chunks_done: number;
            chunks_total: number | null;
            created_at: string;
            error: string | null;
            id: string;
            recipients_total: number | null;
            rows_written: number;
            /** @enum {string} */
            status: "queued" | "running" | "done" | "failed";
            updated_at: string;
        };
        MarkAction: {
            /**
             * @default UNDEFINED
             * @enum {string}
             */
            action_choice: "UNDEFINED" | "MARK_ALL_AS_READ" | "MARK_AS_READ" | "REMOVED_ALL" | "MARK_AS_REMOVED";
            notification_uids?: string[] | null;
        };
        ModelNotifications: {
            count: number;
            has_more: boolean;
            next_page: number | null;
            notifications: components["schemas"]["Notification"][];
        };
        /** @description One notification, with the original's ten fields in its key order. */
        Notification: {
            /** @example 2026-01-31T12:00:00.000000Z */
            created_at: string;
            created_by: components["schemas"]["UserSummary"] | null;
            /** @description Any JSON value. */
            custom_info?: unknown;
            id: number;
            is_read: boolean;
            notification: components["schemas"]["NotificationDocument"];
            /** @enum {string} */
            status: "ACTIVE" | "INACTIVE" | "DRAFT" | "REMOVED" | "DELETED";
            /** Format: uuid */
            uid: string;
            updated_at: string;
            user: components["schemas"]["UserSummary"];
        };
        /** @description `{message, model, instance, method}`, and `changed_data` for PUT/PATCH. */
        NotificationDocument: {
            changed_data: {
                [key: string]: unknown;
            };
            instance: {
                [key: string]: unknown;
            };
            message: string;
            /** @enum {string} */
            method: "POST" | "PATCH" | "GET" | "DELETE" | "PUT" | "UNDEFINED";
            model: string;
        };
        NotificationPatch: {
            is_read?: boolean;
            /** @enum {string} */
            status?: "ACTIVE" | "INACTIVE" | "DRAFT" | "REMOVED" | "DELETED";
        };
        /** @description Fanned out through the queue; follow it at /api/v1/notifications/jobs/{id}. */
        Queued: {
            chunks: number | null;
            job_id: string;
            recipients: number | null;
            /** @enum {string} */
            status: "queued";
        };
        SocketTicket: {
            expires_in: number;
            /** @description Use once, within `expires_in` seconds: `/ws/me/notifications?ticket=`. */
            ticket: string;
        };
        User: {
            created_at: string;
            email: string;
            first_name: string;
            id: number | string;
            is_active: boolean;
            last_name: string;
            notifications_enabled: boolean;
            updated_at: string;
        };
        /** @description The original's CustomUserSerializer. */
        UserSummary: {
            email: string;
            first_name: string;
            /**
             * @description Integer ids (Django's) render as numbers, opaque ids as strings.
             * @example 42
             */
            id: number | string;
            last_name: string;
        };
        UserUpdate: {
            email?: "" | string;
            first_name?: string;
            is_active?: boolean;
            last_name?: string;
            notifications_enabled?: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listMyNotifications: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page (keyset pagination). */
                cursor?: string;
                /** @description "true" or "false" to filter; the counts ignore it. */
                is_read?: string;
                /** @description A page number or "last" (the original's pagination). */
                page?: string;
                /** @description Items per page, at most 100; default 25. */
                page_size?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the feed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Feed"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not found (or `Invalid page.`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    actOnMyNotificationsPut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkAction"];
            };
        };
        responses: {
            /** @description The fresh counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResult"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is larger than the route accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Rate limited: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    actOnMyNotificationsPatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkAction"];
            };
        };
        responses: {
            /** @description The fresh counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResult"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is larger than the route accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Rate limited: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    openMyNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The notification's uid (dashes optional). */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notification, now read. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not found (or `Invalid page.`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Rate limited: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    updateMyNotificationPut: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The notification's uid (dashes optional). */
                uid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationPatch"];
            };
        };
        responses: {
            /** @description The notification as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not found (or `Invalid page.`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is larger than the route accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Rate limited: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    updateMyNotificationPatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The notification's uid (dashes optional). */
                uid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationPatch"];
            };
        };
        responses: {
            /** @description The notification as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not found (or `Invalid page.`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is larger than the route accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Rate limited: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    createSocketTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Valid once, for 60 s at most. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SocketTicket"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Rate limited: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    listModelNotifications: {
        parameters: {
            query: {
                /** @description The model name notifications were created with. */
                model: string;
                /** @description A page number or "last" (the original's pagination). */
                page?: string;
                /** @description Items per page, at most 100; default 25. */
                page_size?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelNotifications"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not found (or `Invalid page.`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    createNotifications: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key and body writes nothing twice (kept 24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNotification"];
            };
        };
        responses: {
            /** @description Written. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Created"];
                };
            };
            /** @description Accepted for fan-out. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queued"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description A request with this Idempotency-Key is still in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is larger than the route accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description This Idempotency-Key was used with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    getFanoutJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not found (or `Invalid page.`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user id tokens carry (`user_id`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not found (or `Invalid page.`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    upsertUserPut: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user id tokens carry (`user_id`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description The user as stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is larger than the route accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    upsertUserPatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user id tokens carry (`user_id`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description The user as stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is larger than the route accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    listUserNotifications: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page (keyset pagination). */
                cursor?: string;
                /** @description "true" or "false" to filter; the counts ignore it. */
                is_read?: string;
                /** @description A page number or "last" (the original's pagination). */
                page?: string;
                /** @description Items per page, at most 100; default 25. */
                page_size?: string;
            };
            header?: never;
            path: {
                /** @description The user id tokens carry (`user_id`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the user's feed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Feed"];
                };
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description Missing, invalid or expired credentials, or an inactive user. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not found (or `Invalid page.`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description D1 answered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description D1 did not answer. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    openNotificationsSocket: {
        parameters: {
            query?: {
                /** @description A one-time ticket. */
                ticket?: string;
            };
            header: {
                /** @description `bearer, <access token>` */
                "Sec-WebSocket-Protocol"?: string;
                Upgrade: "websocket";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Switching protocols: the socket is open (or refused with a close code; see AsyncAPI). */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: field errors (or `detail` for a malformed body). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldErrors"] | components["schemas"]["Detail"];
                };
            };
            /** @description The request's Origin is not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Not a WebSocket upgrade. */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
            /** @description Storage unavailable (retry after `Retry-After`), or the server is not configured. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Detail"];
                };
            };
        };
    };
}
//# sourceMappingURL=openapi.d.ts.map