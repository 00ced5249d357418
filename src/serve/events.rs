//! The live-reload event streams (server-sent events) of the open pages.
//!
//! A stream holds no thread: its connection is kept here, written without
//! waiting, and one thread ([`Hub::tend`]) flushes what a slow page has not
//! taken yet, closes the streams of pages that went away, and keeps the
//! others open with a comment now and then. At most [`MAX_STREAMS`] are
//! open; a new one closes the oldest, after telling it so (`evicted`), so
//! that the page opened last always reloads and the evicted one does not
//! reconnect at once (it does when it is shown again).

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Open event streams at most.
pub const MAX_STREAMS: usize = 64;
/// What a page may leave unread before its stream is closed.
const MAX_BACKLOG: usize = 8 * 1024 * 1024;
/// How often streams are flushed and checked.
const TICK: Duration = Duration::from_millis(250);
/// How often an idle stream gets a comment, so that nothing between the
/// page and the server closes it, and a page that went away is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

const HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n";
const EVICTED: &str = "event: evicted\ndata: {}\n\n";

struct Stream {
    conn: TcpStream,
    /// Bytes written to the stream but not yet taken by the page.
    backlog: Vec<u8>,
    last_write: Instant,
}

impl Stream {
    /// Queues `bytes` and writes what the connection takes now; false if
    /// the page is gone or has left too much unread.
    fn send(&mut self, bytes: &[u8]) -> bool {
        self.backlog.extend_from_slice(bytes);
        self.flush()
    }

    fn flush(&mut self) -> bool {
        while !self.backlog.is_empty() {
            match self.conn.write(&self.backlog) {
                Ok(0) => return false,
                Ok(n) => {
                    self.backlog.drain(..n);
                    self.last_write = Instant::now();
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return false,
            }
        }
        self.backlog.len() <= MAX_BACKLOG
    }

    /// Whether the page has closed its end (a page sends nothing on its
    /// stream; anything it sends is read and dropped).
    fn closed(&mut self) -> bool {
        let mut buf = [0; 512];
        loop {
            match self.conn.read(&mut buf) {
                Ok(0) => return true,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return false,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return true,
            }
        }
    }
}

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    streams: Mutex<VecDeque<Stream>>,
}

impl Hub {
    /// Makes `conn` an event stream, starting with the event `first` makes.
    /// `first` runs under the hub's lock, so no event sent after it was
    /// made can be missed.
    pub fn subscribe(&self, conn: TcpStream, first: impl FnOnce() -> String) {
        if conn.set_nonblocking(true).is_err() {
            return;
        }
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        let mut stream = Stream {
            conn,
            backlog: Vec::new(),
            last_write: Instant::now(),
        };
        if !stream.send(HEAD.as_bytes()) || !stream.send(first().as_bytes()) {
            return;
        }
        while streams.len() >= MAX_STREAMS {
            if let Some(mut oldest) = streams.pop_front() {
                oldest.send(EVICTED.as_bytes());
            }
        }
        streams.push_back(stream);
    }

    /// Sends an event to every open page.
    pub fn broadcast(&self, event: &str) {
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        streams.retain_mut(|s| s.send(event.as_bytes()));
    }

    /// Flushes, checks and keeps alive the streams, forever.
    pub fn tend(&self) {
        loop {
            std::thread::sleep(TICK);
            let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
            streams.retain_mut(|s| {
                if s.closed() || !s.flush() {
                    return false;
                }
                s.last_write.elapsed() < KEEP_ALIVE || s.send(b": keep-alive\n\n")
            });
        }
    }
}
