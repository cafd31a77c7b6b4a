using System.ComponentModel;
using System.Diagnostics;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// An ffmpeg process fed on stdin as audio is made, its stdout copied to a stream (each piece flushed) by a thread
/// of its own. Synchronous on purpose: it runs beside a render that keeps the machine's cores busy, where
/// continuations queued to the thread pool can wait a second for a thread.
/// </summary>
public sealed class StreamEncoder : IDisposable
{
    private readonly Process _process;
    private readonly Thread _reader;
    private readonly Stream _stdin;
    private readonly System.Text.StringBuilder _errors = new();
    private Exception? _readFailure;

    internal StreamEncoder(string executable, string args, Stream output)
    {
        var psi = new ProcessStartInfo(executable, args)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        try
        {
            _process = Process.Start(psi) ?? throw new EngineException("ffmpeg did not start");
        }
        catch (Win32Exception e)
        {
            throw new EngineException("ffmpeg not found: run ./producer serve (it installs ffmpeg) or apt-get install ffmpeg", e);
        }
        _process.ErrorDataReceived += (_, e) => { lock (_errors) _errors.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _stdin = _process.StandardInput.BaseStream;
        var stdout = _process.StandardOutput.BaseStream;
        _reader = new Thread(() =>
        {
            try
            {
                var buffer = new byte[16384];
                int n;
                while ((n = stdout.Read(buffer, 0, buffer.Length)) > 0)
                {
                    output.Write(buffer, 0, n);
                    output.Flush();
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                _readFailure = e;
                // Nothing drains ffmpeg's output any more: stop it, or it would block, and the writer with it.
                Kill();
            }
        }) { IsBackground = true, Name = "stream-encoder" };
        _reader.Start();
    }

    /// <summary>Hands the encoder more input (interleaved 32-bit float frames).</summary>
    public void Write(ReadOnlySpan<byte> frames)
    {
        try
        {
            _stdin.Write(frames);
        }
        catch (IOException e)
        {
            throw new EngineException("the encoded stream could not be written", _readFailure ?? e);
        }
    }

    /// <summary>Ends the input and waits until everything encoded is written out.</summary>
    public void Complete()
    {
        try
        {
            _stdin.Close();
        }
        catch (IOException e)
        {
            throw new EngineException("the encoded stream could not be written", _readFailure ?? e);
        }
        _reader.Join();
        _process.WaitForExit();
        if (_readFailure is not null) throw new EngineException("the encoded stream could not be written", _readFailure);
        if (_process.ExitCode != 0)
            lock (_errors) throw new EngineException($"ffmpeg failed ({_process.ExitCode}): {_errors.ToString().Trim()}");
    }

    public void Dispose()
    {
        Kill();
        _reader.Join();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
