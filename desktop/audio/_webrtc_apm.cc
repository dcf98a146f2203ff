// The echo canceller: WebRTC's audio processing module as the Linux desktop ships it
// (libwebrtc-audio-processing 0.3, the one PulseAudio's echo-cancel module uses), bound for
// desktop/audio/echo.py. Three functions on an opaque handle, 10 ms mono PCM16 frames:
//
//   new(rate) -> handle          echo cancellation (high suppression, extended filter) and a
//                                high-pass filter; the delay comes from the caller's hint
//                                (the module's delay-agnostic mode did worse in our tests)
//   far(handle, frame)           a frame the speaker played (the echo reference)
//   near(handle, frame, delay_ms) -> frame
//                                a mic frame with the echo removed; delay_ms is the estimate
//                                of played -> captured, refined by the module itself
//
// Built by setup.py when pkg-config finds webrtc-audio-processing (Debian/Ubuntu:
// libwebrtc-audio-processing-dev); without it echo.py says why and the app goes half-duplex.
// The module is not thread-safe: echo.py calls it from the asyncio loop only.

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cstring>
#include <memory>

#include <webrtc/modules/audio_processing/include/audio_processing.h>
#include <webrtc/modules/interface/module_common_types.h>

namespace {

const char kCapsule[] = "screenmate.webrtc_apm";

struct Apm {
    std::unique_ptr<webrtc::AudioProcessing> apm;
    webrtc::AudioFrame frame;
    size_t frame_bytes = 0;
};

void destroy(PyObject* capsule) {
    delete static_cast<Apm*>(PyCapsule_GetPointer(capsule, kCapsule));
}

Apm* handle(PyObject* capsule) {
    return static_cast<Apm*>(PyCapsule_GetPointer(capsule, kCapsule));
}

PyObject* fail(const char* what, int code) {
    PyErr_Format(PyExc_RuntimeError, "WebRTC audio processing: %s failed (error %d)", what, code);
    return nullptr;
}

PyObject* apm_new(PyObject*, PyObject* args) {
    int rate = 0;
    if (!PyArg_ParseTuple(args, "i", &rate)) return nullptr;
    if (rate != 8000 && rate != 16000 && rate != 32000 && rate != 48000) {
        PyErr_Format(PyExc_ValueError, "unsupported sample rate %d", rate);
        return nullptr;
    }
    webrtc::Config config;
    config.Set<webrtc::ExtendedFilter>(new webrtc::ExtendedFilter(true));
    config.Set<webrtc::DelayAgnostic>(new webrtc::DelayAgnostic(false));
    std::unique_ptr<Apm> self(new Apm);
    self->apm.reset(webrtc::AudioProcessing::Create(config));
    if (!self->apm) return fail("Create", -1);
    int err = self->apm->high_pass_filter()->Enable(true);
    if (err == 0) err = self->apm->echo_cancellation()->enable_drift_compensation(false);
    if (err == 0)
        err = self->apm->echo_cancellation()->set_suppression_level(
            webrtc::EchoCancellation::kHighSuppression);
    if (err == 0) err = self->apm->echo_cancellation()->Enable(true);
    if (err != 0) return fail("configure", err);
    self->frame.sample_rate_hz_ = rate;
    self->frame.num_channels_ = 1;
    self->frame.samples_per_channel_ = static_cast<size_t>(rate / 100);
    self->frame_bytes = self->frame.samples_per_channel_ * sizeof(int16_t);
    PyObject* capsule = PyCapsule_New(self.get(), kCapsule, destroy);
    if (capsule) self.release();
    return capsule;
}

// Copies one frame into the module's AudioFrame; false (with an exception) on a wrong size.
bool load(Apm* self, const Py_buffer& pcm) {
    if (static_cast<size_t>(pcm.len) != self->frame_bytes) {
        PyErr_Format(PyExc_ValueError, "a frame is %zu bytes, got %zd", self->frame_bytes,
                     pcm.len);
        return false;
    }
    std::memcpy(self->frame.data_, pcm.buf, self->frame_bytes);
    return true;
}

PyObject* apm_far(PyObject*, PyObject* args) {
    PyObject* capsule = nullptr;
    Py_buffer pcm;
    if (!PyArg_ParseTuple(args, "Oy*", &capsule, &pcm)) return nullptr;
    Apm* self = handle(capsule);
    bool ok = self != nullptr && load(self, pcm);
    PyBuffer_Release(&pcm);
    if (!ok) return nullptr;
    int err = self->apm->ProcessReverseStream(&self->frame);
    if (err != 0) return fail("ProcessReverseStream", err);
    Py_RETURN_NONE;
}

PyObject* apm_near(PyObject*, PyObject* args) {
    PyObject* capsule = nullptr;
    Py_buffer pcm;
    int delay_ms = 0;
    if (!PyArg_ParseTuple(args, "Oy*i", &capsule, &pcm, &delay_ms)) return nullptr;
    Apm* self = handle(capsule);
    bool ok = self != nullptr && load(self, pcm);
    PyBuffer_Release(&pcm);
    if (!ok) return nullptr;
    // The module clamps the hint to 0-500 ms itself; a clamp is only a warning.
    self->apm->set_stream_delay_ms(delay_ms);
    int err = self->apm->ProcessStream(&self->frame);
    if (err != 0 && err != webrtc::AudioProcessing::kBadStreamParameterWarning)
        return fail("ProcessStream", err);
    return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(self->frame.data_),
                                     static_cast<Py_ssize_t>(self->frame_bytes));
}

PyMethodDef methods[] = {
    {"new", apm_new, METH_VARARGS, "new(rate) -> handle: echo cancellation for 10 ms mono frames"},
    {"far", apm_far, METH_VARARGS, "far(handle, frame): a 10 ms frame the speaker played"},
    {"near", apm_near, METH_VARARGS,
     "near(handle, frame, delay_ms) -> frame: a 10 ms mic frame with the echo removed"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_webrtc_apm",
    "WebRTC audio processing (echo cancellation) for desktop.audio.echo", -1, methods,
    nullptr, nullptr, nullptr, nullptr,
};

}  // namespace

PyMODINIT_FUNC PyInit__webrtc_apm(void) { return PyModule_Create(&module); }
