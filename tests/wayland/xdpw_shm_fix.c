/* LD_PRELOAD fix for Debian 12's xdg-desktop-portal-wlr 0.7.0 on a compositor without a GPU.
 *
 * xdpw 0.7.0 fails every ScreenCast Start when zwlr_screencopy_frame_v1 reports no DMA-BUF
 * format ("wlroots: unable to receive a valid format from wlr_screencopy"): it checks the
 * portal's interface version instead of screencopy's (fixed upstream in 0.8). sway's pixman
 * renderer only offers SHM buffers. This wraps wl_proxy_add_listener for screencopy frames and,
 * after each `buffer` (SHM) event, also reports a `linux_dmabuf` event with XRGB8888. The
 * compositor has no linux-dmabuf global, so xdpw still negotiates SHM only.
 *
 * Build: gcc -shared -fPIC -O2 -o xdpw_shm_fix.so xdpw_shm_fix.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct wl_proxy;
typedef void (*fn_t)(void);

extern const char *wl_proxy_get_class(struct wl_proxy *proxy);

#define DRM_FORMAT_XRGB8888 0x34325258u /* 'XR24' */

struct wrapped {
    const fn_t *orig; /* buffer, flags, ready, failed, damage, linux_dmabuf, buffer_done */
    void *data;
};

typedef void (*buffer_fn)(void *, struct wl_proxy *, uint32_t, uint32_t, uint32_t, uint32_t);
typedef void (*flags_fn)(void *, struct wl_proxy *, uint32_t);
typedef void (*ready_fn)(void *, struct wl_proxy *, uint32_t, uint32_t, uint32_t);
typedef void (*plain_fn)(void *, struct wl_proxy *);
typedef void (*damage_fn)(void *, struct wl_proxy *, uint32_t, uint32_t, uint32_t, uint32_t);
typedef void (*dmabuf_fn)(void *, struct wl_proxy *, uint32_t, uint32_t, uint32_t);

static void on_buffer(void *d, struct wl_proxy *f, uint32_t fmt, uint32_t w, uint32_t h,
                      uint32_t stride) {
    struct wrapped *x = d;
    if (x->orig[0]) ((buffer_fn)x->orig[0])(x->data, f, fmt, w, h, stride);
    if (x->orig[5]) ((dmabuf_fn)x->orig[5])(x->data, f, DRM_FORMAT_XRGB8888, w, h);
}
static void on_flags(void *d, struct wl_proxy *f, uint32_t flags) {
    struct wrapped *x = d;
    if (x->orig[1]) ((flags_fn)x->orig[1])(x->data, f, flags);
}
static void on_ready(void *d, struct wl_proxy *f, uint32_t hi, uint32_t lo, uint32_t ns) {
    struct wrapped *x = d;
    if (x->orig[2]) ((ready_fn)x->orig[2])(x->data, f, hi, lo, ns);
    free(x); /* the frame's last event */
}
static void on_failed(void *d, struct wl_proxy *f) {
    struct wrapped *x = d;
    if (x->orig[3]) ((plain_fn)x->orig[3])(x->data, f);
    free(x); /* the frame's last event */
}
static void on_damage(void *d, struct wl_proxy *f, uint32_t a, uint32_t b, uint32_t c,
                      uint32_t e) {
    struct wrapped *x = d;
    if (x->orig[4]) ((damage_fn)x->orig[4])(x->data, f, a, b, c, e);
}
static void on_dmabuf(void *d, struct wl_proxy *f, uint32_t fmt, uint32_t w, uint32_t h) {
    (void)d; (void)f; (void)fmt; (void)w; (void)h; /* a real one: already reported */
}
static void on_buffer_done(void *d, struct wl_proxy *f) {
    struct wrapped *x = d;
    if (x->orig[6]) ((plain_fn)x->orig[6])(x->data, f);
}

static const fn_t listener[7] = {
    (fn_t)on_buffer, (fn_t)on_flags,  (fn_t)on_ready,      (fn_t)on_failed,
    (fn_t)on_damage, (fn_t)on_dmabuf, (fn_t)on_buffer_done,
};

int wl_proxy_add_listener(struct wl_proxy *proxy, void (**implementation)(void), void *data) {
    static int (*real)(struct wl_proxy *, void (**)(void), void *);
    if (!real) real = (int (*)(struct wl_proxy *, void (**)(void), void *))dlsym(
                   RTLD_NEXT, "wl_proxy_add_listener");
    const char *cls = wl_proxy_get_class(proxy);
    if (cls && strcmp(cls, "zwlr_screencopy_frame_v1") == 0) {
        /* One small block per frame, freed after its last event (ready or failed). */
        struct wrapped *x = malloc(sizeof *x);
        if (x) {
            x->orig = (const fn_t *)implementation;
            x->data = data;
            return real(proxy, (void (**)(void))listener, x);
        }
    }
    return real(proxy, implementation, data);
}
